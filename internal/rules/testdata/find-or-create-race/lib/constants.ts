export const DEFAULT_FOLDER = "samples";

export enum RegistryName {
  Self = "self",
  Default = "default",
}

export enum TaskKind {
  Sync = "sync",
}
