/**
 * One build, two shells: the office console (antd) and, under /m/, the field app
 * (antd-mobile, installable PWA). Each is its own chunk so a phone never loads the console.
 */
const root = document.getElementById("root")!;

if (location.pathname === "/m" || location.pathname.startsWith("/m/")) {
  void import("./mobile/mobile-main.tsx").then((m) => m.mountMobile(root));
} else {
  void import("./app/console-main.tsx").then((m) => m.mountConsole(root));
}
