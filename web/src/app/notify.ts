/**
 * Global feedback for errors raised outside a component (the query cache). Each shell
 * registers how it shows a message: antd's `message` in the console, a Toast on mobile.
 */
type Show = (text: string) => void;

let showError: Show = (text) => console.error(text);
let showSuccess: Show = () => {};

export function setNotifier(error: Show, success: Show) {
  showError = error;
  showSuccess = success;
}

export function notifyError(text: string) {
  showError(text);
}

export function notifySuccess(text: string) {
  showSuccess(text);
}
