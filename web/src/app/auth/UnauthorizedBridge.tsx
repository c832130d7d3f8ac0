import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { useLocation, useNavigate } from "react-router";
import { rememberSession, setUnauthorizedHandler } from "../api.ts";
import { ME_KEY } from "./useMe.ts";

/** On any 401 (session expired or ended elsewhere): forget the session and go to the login page. */
export function UnauthorizedBridge({ loginPath }: { loginPath: string }) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  useEffect(() => {
    setUnauthorizedHandler(() => {
      rememberSession(null);
      qc.setQueryData(ME_KEY, null);
      if (location.pathname !== loginPath) {
        navigate(loginPath, { replace: true, state: { from: location.pathname + location.search } });
      }
    });
    return () => setUnauthorizedHandler(null);
  }, [qc, navigate, location, loginPath]);
  return null;
}
