-- DBOS's "Organization Member": every permission but organization.write.
ALTER TYPE "Role" ADD VALUE 'MEMBER' AFTER 'ADMIN';
