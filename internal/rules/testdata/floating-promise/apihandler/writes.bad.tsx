import { useEffect, useState } from "react";
import { deleteJSON, getJSON, postJSON } from "./client";

// The same helper called for a write: a failed save is silent.
export function SaveButton({ rule }: { rule: object }) {
  return <button onClick={() => { postJSON("/rules", rule); }}>Save</button>; // expect: floating-promise
}

export function RemoveButton({ id, onRemove }: { id: number; onRemove: () => void }) {
  const remove = () => {
    deleteJSON(`/collections/media/${id}`); // expect: floating-promise
    onRemove();
  };
  return <button onClick={remove}>Remove</button>;
}

// A page that starts as not loaded and is marked loaded only when the
// read succeeds: a failed read leaves its spinner up for good.
export function SettingsPage() {
  const [loaded, setLoaded] = useState(false);
  const [settings, setSettings] = useState<object>();
  useEffect(() => {
    getJSON("/settings").then((resp) => { // expect: floating-promise
      setSettings(resp);
      setLoaded(true);
    });
  }, []);
  return loaded ? <pre>{JSON.stringify(settings)}</pre> : <span>loading</span>;
}

// The loading flag is cleared two reads deep: either read failing leaves
// it set.
export function Options({ type }: { type: number }) {
  const [loading, setLoading] = useState(false);
  const [options, setOptions] = useState<object[]>([]);
  useEffect(() => {
    setLoading(true);
    getJSON(`/collections?typeId=${type}`).then((resp) => { // expect: floating-promise
      getJSON(`/collections?typeId=${type + 1}`).then((resp2) => { // expect: floating-promise
        setOptions([...resp, ...resp2]);
        setLoading(false);
      });
    });
  }, [type]);
  return loading ? <span>loading</span> : <ul>{options.length}</ul>;
}

// A loader that clears the flag its callers set, once its read is done.
export function Library({ id }: { id: number }) {
  const [isLoading, setIsLoading] = useState(false);
  const [items, setItems] = useState<object[]>([]);
  const fetchData = async () => {
    const resp = await getJSON(`/library/${id}/content`);
    setItems(resp.items);
    setIsLoading(false);
  };
  const more = () => {
    setIsLoading(true);
    fetchData(); // expect: floating-promise
  };
  return <button onClick={more} disabled={isLoading}>{items.length}</button>;
}
