import MicButton from "./MicButton";

// The status comes from a promise that only a timer resolves and nothing
// rejects.
export function Recorder({ poll }: { poll: () => boolean | null }) {
  const getStatus = async (): Promise<boolean> => {
    return new Promise((resolve) => {
      const timer = setInterval(() => {
        const on = poll();
        if (on !== null) {
          clearInterval(timer);
          resolve(on);
        }
      }, 200);
    });
  };
  return <MicButton getStatus={getStatus} />;
}
