// A project form that hands its onSubmit prop to Formik's hook, which
// awaits it and handles a rejection.
import { useFormik, type FormikConfig } from "formik";
import React from "react";

interface Values {
  name: string;
}

export default function ModalForm({ onSubmit, initialValues }: { onSubmit: FormikConfig<Values>["onSubmit"]; initialValues: Values }) {
  const formik = useFormik<Values>({ initialValues, onSubmit, validateOnBlur: false });
  return (
    <form onSubmit={formik.handleSubmit}>
      <input name="name" value={formik.values.name} onChange={formik.handleChange} />
    </form>
  );
}

// A form that gives the handler to the DOM form element itself.
export function PlainForm({ onSubmit }: { onSubmit: (e: React.FormEvent) => void }) {
  return <form onSubmit={onSubmit} />;
}
