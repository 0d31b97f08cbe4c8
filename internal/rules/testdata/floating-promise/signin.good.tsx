import { useState } from "react";

type SignInProps = {
  title: string;
  onPasswordLogin: (email: string, password: string) => Promise<void>;
};

// The form awaits the handler and shows its error.
const PasswordForm = ({ onPasswordLogin }: Pick<SignInProps, "onPasswordLogin">) => {
  const [error, setError] = useState("");
  return (
    <button
      onClick={async () => {
        try {
          await onPasswordLogin("a@example.com", "secret");
        } catch (e) {
          setError(String(e));
        }
      }}
    >
      {error || "Sign in"}
    </button>
  );
};

// The page hands its props on whole, or what is left of them.
const SignIn = (props: SignInProps) => <PasswordForm {...props} />;

const TitledSignIn = ({ title, ...rest }: SignInProps) => (
  <section>
    <h1>{title}</h1>
    <PasswordForm {...rest} />
  </section>
);

type PromptProps = { title: string; onConfirm: () => Promise<void> };

// The dialog awaits its confirm handler and shows the error.
const Dialog = (props: PromptProps) => {
  const [error, setError] = useState("");
  return (
    <button
      onClick={async () => {
        try {
          await props.onConfirm();
        } catch (e) {
          setError(String(e));
        }
      }}
    >
      {error || props.title}
    </button>
  );
};

// The spread comes after the default handler, so the caller's wins and
// reaches the dialog.
const Prompt = (props: PromptProps) => <Dialog onConfirm={async () => {}} {...props} />;

export function LoginPage({ signIn }: { signIn(email: string, password: string): Promise<void> }) {
  return (
    <>
      <SignIn
        title="Sign in"
        onPasswordLogin={async (email, password) => {
          try {
            await signIn(email, password);
          } catch (e) {
            console.warn("sign-in failed", e);
            throw e;
          }
        }}
      />
      <TitledSignIn
        title="Welcome back"
        onPasswordLogin={async (email, password) => {
          await signIn(email, password);
        }}
      />
      <Prompt
        title="Sign out everywhere"
        onConfirm={async () => {
          const res = await fetch("/api/sessions", { method: "DELETE" });
          if (!res.ok) throw new Error(`sign-out failed: ${res.status}`);
        }}
      />
    </>
  );
}
