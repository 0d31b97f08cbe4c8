import useSWR from "swr";
import { RefreshButton } from "./RefreshButton";
import { useProfile } from "./useProfile";

type Team = { id: string; name: string };

function TeamSection({ teams, refresh }: { teams: Team[] | undefined; refresh: () => Promise<unknown> }) {
  // A prop handed on to another component's prop.
  return (
    <section>
      {teams?.map((t) => <p key={t.id}>{t.name}</p>)}
      <RefreshButton label="Reload teams" onRefresh={refresh} />
    </section>
  );
}

export function ProfilePage() {
  const { data: profile, mutate } = useProfile();
  const { data: teams, mutate: mutateTeams } = useSWR<Team[]>("/api/teams");
  const plan = useSWR<{ name: string }>("/api/plan");
  return (
    <main>
      <h1>{profile?.name}</h1>
      <RefreshButton label="Reload profile" onRefresh={mutate} />
      <RefreshButton label={plan.data?.name ?? "Reload plan"} onRefresh={plan.mutate} />
      <TeamSection teams={teams} refresh={mutateTeams} />
    </main>
  );
}
