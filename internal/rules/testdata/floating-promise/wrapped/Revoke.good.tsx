import { Button } from "./Button";

// The button awaits the handler and reports its failure: the error thrown
// here is meant for it.
export function Revoke({ api, id }: { api: { post(url: string): Promise<Response> }; id: string }) {
  return (
    <Button
      onClick={async () => {
        const res = await api.post(`/invitations/${id}/revoke`);
        if (!res.ok) throw new Error("could not revoke the invitation");
      }}
    >
      Revoke
    </Button>
  );
}
