/** Why one file cannot be imported; the message is the reason shown next to the file's name. */
export class ImportError extends Error {
  override name = "ImportError";
}
