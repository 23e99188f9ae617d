/** A database that cannot be opened or used, said in Chinese for the office. */
export class DatabaseError extends Error {}
