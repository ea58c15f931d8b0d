-- A custom role named like the built-in MEMBER (in any case) could no longer be granted or
-- deleted by name: it keeps its holders under a name of its own (the name plus part of its id).
UPDATE "custom_roles"
SET "name" = "name" || '_' || substr(replace("id"::text, '-', ''), 1, 8)
WHERE upper("name") = 'MEMBER';
