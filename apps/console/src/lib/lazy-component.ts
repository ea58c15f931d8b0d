import { lazy, type ComponentType } from 'react';
import { MissingCode } from '../components/ui/missing-code';

// React.lazy's own bound: any props.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyComponent = ComponentType<any>;

/** What Turbopack, webpack and the browsers' own `import()` say when a file cannot be fetched. */
const isMissingChunk = (error: unknown) =>
  error instanceof Error &&
  /chunk|dynamically imported module|Importing a module script/i.test(
    `${error.name} ${error.message}`,
  );

/** Takes the props of the component it stands in for, and ignores them. */
const standIn: AnyComponent = MissingCode;

/**
 * A component loaded when first rendered (React.lazy for a named export), so that what a page
 * shows later or on demand (a dialog, a panel below the fold) stays out of its first load.
 * Render it inside a `<Suspense>`. Code that cannot be fetched (gone after a redeploy) shows as
 * a notice with a reload button in its place, not as an error that blanks the page.
 */
export function lazyComponent<M extends Record<K, AnyComponent>, K extends keyof M>(
  load: () => Promise<M>,
  name: K,
) {
  return lazy(() =>
    load().then(
      (module) => ({ default: module[name] }),
      (error: unknown) => {
        if (!isMissingChunk(error)) throw error; // a module that threw: a bug, not a redeploy
        return { default: standIn as M[K] };
      },
    ),
  );
}
