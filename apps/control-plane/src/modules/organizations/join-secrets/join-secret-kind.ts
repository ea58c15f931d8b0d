import { SecretKind } from '../../../common/secrets/secret-kind';

/** Join secrets, `pjs_...`: invitations, handed over in join links. */
export const JOIN_SECRETS = new SecretKind('pjs');
