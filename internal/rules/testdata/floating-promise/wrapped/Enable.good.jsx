import { Button } from "./Button";

export function Enable({ appId }) {
  const handleEnable = async () => {
    await fetch(`/api/apps/${appId}/enable`, { method: "POST" });
  };
  return <Button onClick={handleEnable}>Enable</Button>;
}
