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

type ModalProps = { title: string; onSubmit: () => Promise<void>; children?: unknown };

// The modal awaits its submit handler.
const Modal = (props: ModalProps) => (
  <dialog>
    <h2>{props.title}</h2>
    <button onClick={async () => { await props.onSubmit(); }}>OK</button>
  </dialog>
);

type FormModalProps = { title: string; onSubmit: (name: string) => Promise<void> };

// The modal's onSubmit, set after the spread, wins over the caller's: the
// caller's handler reaches only the input, which drops it.
const FormModal = (props: FormModalProps) => (
  <Modal {...props} onSubmit={async () => {}}>
    <input onChange={(e) => { props.onSubmit(e.target.value); }} /> {/* expect: floating-promise */}
  </Modal>
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
      <FormModal
        title="Rename"
        onSubmit={async () => { // expect: floating-promise
          await save();
        }}
      />
    </>
  );
}
