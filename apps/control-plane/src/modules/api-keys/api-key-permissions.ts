// The permission list is a REST fact (clients choose from it): it lives in the protocol.
export { API_KEY_PERMISSIONS, type ApiKeyPermission } from '@podium/protocol';
