import { SecretKind } from '../../common/secrets/secret-kind';

/** API key secrets, `pdm_...`: they travel in executor URL paths (`.../websocket/<app>/<key>`). */
export const API_KEY_SECRETS = new SecretKind('pdm');
