import { useCallback, useEffect, useRef } from "react";
import { trpc } from "./lib/trpc";

function usePersistedDraft(key: string) {
  const loadDraft = useCallback(async () => {
    try {
      const res = await fetch(`/api/drafts/${key}`);
      return res.ok;
    } catch (err) {
      console.error(err);
      return false;
    }
  }, [key]);
  return { loadDraft };
}

export function DraftEditor({ onSaved }: { onSaved: () => Promise<void> }) {
  const { loadDraft } = usePersistedDraft("draft");
  const utils = trpc.useUtils();
  const save = trpc.drafts.save.useMutation({
    onError(err) {
      alert(err.message);
    },
  });
  const pollRef = useRef(loadDraft);

  useEffect(() => {
    const load = async () => {
      const ok = await loadDraft(); // handles its own errors
      if (ok) console.log("loaded");
    };
    load();
    const id = setInterval(async () => {
      await pollRef.current();
    }, 5000);
    return () => clearInterval(id);
  }, [loadDraft]);

  const refresh = async () => {
    await Promise.all([utils.drafts.list.invalidate(), utils.drafts.byId.refetch()]);
  };

  const handleSave = async () => {
    await save.mutateAsync({ text: "x" }); // reported by the hook's onError
    await onSaved(); // the parent decides what its handler does
    await refresh();
  };

  return (
    <div>
      <button onClick={handleSave}>Save</button>
      <button onClick={refresh}>Refresh</button>
    </div>
  );
}
