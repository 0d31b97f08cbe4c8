import { Field, Form, Formik } from "formik";

// Formik awaits what onSubmit returns and handles a rejection itself.
export function CommentForm({ issueId }: { issueId: number }) {
  return (
    <Formik
      initialValues={{ message: "" }}
      onSubmit={async (values, { resetForm }) => {
        const res = await fetch(`/api/v1/issue/${issueId}/comment`, {
          method: "POST",
          body: JSON.stringify(values),
        });
        if (!res.ok) throw new Error("could not post the comment");
        resetForm();
      }}
    >
      <Form>
        <Field name="message" />
      </Form>
    </Formik>
  );
}
