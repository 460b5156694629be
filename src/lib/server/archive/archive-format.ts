// The index format an archive's manifest.json declares (shared by the writer and the verifier, so
// verifying an archive loads nothing of the database).
export const ARCHIVE_FORMAT = 'tandem-archive/1';
