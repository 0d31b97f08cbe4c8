import { toast } from "./toast";

// Every failed promise no code handled is shown to the user.
export function setUpErrorHandling(): void {
  window.addEventListener("unhandledrejection", (event) => {
    toast(String(event.reason));
  });
}
