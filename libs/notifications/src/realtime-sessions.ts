/**
 * The real-time sessions of accounts, for the code that changes accounts. A socket takes its rooms from the
 * account as it is when it connects; after a change of roles or agency, a lock or a deletion, the account code
 * closes the account's sockets so that none keeps rooms the account no longer has. Provided by the API's
 * real-time gateway (the only process with sockets); a closed client reconnects and is taken as it is now.
 */
export abstract class RealtimeSessions {
  /** Closes every socket of the user in every API process (through the socket.io Redis adapter). */
  abstract disconnectUser(userId: string): void;
}
