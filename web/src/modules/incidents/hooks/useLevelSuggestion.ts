import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { IncidentFigures, LevelSuggestion } from "@yingji/contracts";
import { api } from "../../../app/api.ts";

/** The level the figures suggest under the district's stored thresholds, asked as the figures are typed. */
export function useLevelSuggestion(figures: Partial<IncidentFigures> | undefined) {
  const dead = Math.max(0, Math.floor(Number(figures?.dead) || 0));
  const seriouslyInjured = Math.max(0, Math.floor(Number(figures?.seriouslyInjured) || 0));
  const directLoss = Math.max(0, Math.floor(Number(figures?.directLoss) || 0));
  return useQuery({
    queryKey: ["incidents", "level-suggestion", dead, seriouslyInjured, directLoss],
    queryFn: () => api<LevelSuggestion>(`/api/incidents/level-suggestion?dead=${dead}&seriouslyInjured=${seriouslyInjured}&directLoss=${directLoss}`),
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
}
