// Why something could not be read from a repository: the message names the object or ref and the reason.
export class GitReadError extends Error {}
