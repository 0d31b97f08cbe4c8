// A stand-in for a tRPC React client: only the shapes the fixtures use.
export const trpc: any = {};
