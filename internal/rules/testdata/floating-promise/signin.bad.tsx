type Props = {
  label: string;
  onSubmit: () => Promise<void>;
};

// Spread onto a DOM element: React drops what the handler returns.
const PlainButton = (props: Props) => <button {...props}>{props.label}</button>;

const Label = ({ label }: { label: string }) => <span>{label}</span>;

// The rest no longer holds onSubmit, which is called and dropped.
const Toolbar = ({ onSubmit, ...rest }: Props) => (
  <div>
    <Label {...rest} />
    <button onClick={() => onSubmit()}>Save</button> {/* expect: floating-promise */}
  </div>
);

async function save(): Promise<void> {
  const res = await fetch("/api/save", { method: "POST" });
  if (!res.ok) throw new Error(`save failed: ${res.status}`);
}

export function Editor() {
  return (
    <>
      <PlainButton
        label="Save"
        onSubmit={async () => { // expect: floating-promise
          await save();
        }}
      />
      <Toolbar
        label="Save"
        onSubmit={async () => { // expect: floating-promise
          await save();
        }}
      />
    </>
  );
}
