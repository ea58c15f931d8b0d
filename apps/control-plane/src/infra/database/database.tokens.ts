/** Injection token for the open control-plane database (transaction-aware: see Transactions). */
export const DATABASE = Symbol('Database');
