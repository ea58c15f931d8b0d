import { TextField } from '../../../components/ui/text-field';

interface DescriptionFieldProps {
  value: string;
  onChange: (value: string) => void;
  hint?: string;
}

/** An application's description: free text, as long as the API takes (500 characters). */
export function DescriptionField({ value, onChange, hint }: DescriptionFieldProps) {
  return (
    <TextField
      label="Description"
      name="description"
      value={value}
      onChange={(event) => onChange(event.target.value)}
      maxLength={500}
      hint={hint}
    />
  );
}
