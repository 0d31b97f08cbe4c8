import { Formik, Form, Field } from "formik";

export function ResetPassword({ token }) {
  return (
    <Formik
      initialValues={{ password: "" }}
      onSubmit={async (values) => {
        const res = await fetch(`/api/v1/auth/reset-password/${token}`, {
          method: "POST",
          body: JSON.stringify(values),
        });
        if (!res.ok) throw new Error("reset failed");
      }}
    >
      <Form>
        <Field name="password" type="password" />
      </Form>
    </Formik>
  );
}
