import dynamic from "next/dynamic";
import { ConfirmModal } from "./ConfirmModal";
import { toast } from "./toast";

const RemoveModal = dynamic(() => import("./RemoveModal").then((mod) => mod.RemoveModal), { ssr: false });

// Every function given for onConfirm catches its own errors, so the
// promise the modal drops cannot reject.
export function Settings({ api }: { api: { post(url: string): Promise<void> } }) {
  const migrate = async () => {
    try {
      await api.post("/migrate");
    } catch (err) {
      toast.error(String(err));
    }
  };
  return (
    <>
      <ConfirmModal title="Migrate" onConfirm={migrate} />
      <ConfirmModal
        title="Maintenance"
        onConfirm={async () => {
          try {
            await api.post("/maintenance");
          } catch (err) {
            toast.error(String(err));
          }
        }}
      />
      <RemoveModal
        onRemove={async () => {
          try {
            await api.post("/remove");
          } catch (err) {
            toast.error(String(err));
          }
        }}
      />
    </>
  );
}
