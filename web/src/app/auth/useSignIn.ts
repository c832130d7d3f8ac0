import { useState } from "react";
import { ApiError } from "../api.ts";
import { useLogin } from "./useLogin.ts";

export interface SignInValues {
  username: string;
  password: string;
  totp?: string;
}

/**
 * The sign-in flow of the console and the field app alike: password first, and when the
 * server answers "totp_required", the 6-digit code on the next submit.
 */
export function useSignIn(onSignedIn: () => void) {
  const login = useLogin();
  const [needTotp, setNeedTotp] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = (v: SignInValues) => {
    setError(null);
    login.mutate(
      { username: v.username.trim(), password: v.password, ...(needTotp && v.totp ? { totp: v.totp } : {}) },
      {
        onSuccess: onSignedIn,
        onError: (err) => {
          if (err instanceof ApiError && err.code === "totp_required") {
            setNeedTotp(true);
            if (v.totp) setError(err.message);
            return;
          }
          setError(err.message);
        },
      },
    );
  };
  return { submit, needTotp, error, pending: login.isPending };
}
