/**
 * The office console's entry (index.html). The field app under /m/ is its own entry
 * (m/index.html → mobile/main.tsx): neither loads the other's code.
 */
import { mountConsole } from "./app/console-main.tsx";

mountConsole(document.getElementById("root")!);
