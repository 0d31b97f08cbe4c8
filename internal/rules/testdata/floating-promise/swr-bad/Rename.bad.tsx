import useSWR from "swr";

type Account = { id: string; name: string };

async function saveName(name: string): Promise<Account> {
  const res = await fetch("/api/account", { method: "PUT", body: JSON.stringify({ name }) });
  if (!res.ok) throw new Error(`rename failed: ${res.status}`);
  return res.json();
}

// Given a promise, SWR's mutate waits for it and rethrows its rejection:
// only a call without data is a mere revalidation.
function RenameField({ onSaved }: { onSaved: (data: Promise<Account>) => Promise<unknown> }) {
  return (
    <input
      onBlur={(e) => {
        onSaved(saveName(e.currentTarget.value)); // expect: floating-promise
      }}
    />
  );
}

export function AccountPage() {
  const { data, mutate } = useSWR<Account>("/api/account");
  return (
    <div>
      <h1>{data?.name}</h1>
      <RenameField onSaved={mutate} />
    </div>
  );
}
