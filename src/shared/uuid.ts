const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are uuids; anything else cannot name a row, and is answered NOT_FOUND rather than a SQL error. */
export const isUuid = (value: string) => UUID.test(value);
