import { createRoot } from "react-dom/client";
import { setUpErrorHandling } from "./errors";
import { Toolbar } from "./toolbar";

setUpErrorHandling();
createRoot(document.getElementById("root")!).render(<Toolbar />);
