/**
 * The office console's entry (index.html). The field app under /m/ is its own entry
 * (m/index.html → mobile/main.tsx): neither loads the other's code. The console itself is
 * loaded by this small entry, as before the split, so the page's load event does not wait
 * for the console's code to run.
 */
void import("./app/console-main.tsx").then((m) => m.mountConsole(document.getElementById("root")!));
