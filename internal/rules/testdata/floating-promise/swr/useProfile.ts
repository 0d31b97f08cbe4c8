import useSWR from "swr";

export type Profile = { id: string; name: string };

// A project hook that returns useSWR's result as it is.
export function useProfile() {
  return useSWR<Profile>("/api/profile");
}
