/** Words of the teams module (救援队伍, 专家, 志愿者), [中文, English]. */
export const TEAMS_DICT = {
  "nav.teams.teams": ["救援队伍", "Rescue teams"],
  "nav.teams.experts": ["应急专家", "Experts"],
  "nav.teams.volunteers": ["志愿者", "Volunteers"],
  "teams.sub": ["各类救援力量、队员证书、装备及战备状态", "Rescue forces, members' certificates, equipment and readiness"],
  "teams.expertsSub": ["按专业领域（事件类型）筛选可参与处置的专家", "Filter by specialty (incident type) for the experts to call"],
  "teams.volunteersSub": ["志愿者队伍及个人、技能、可用状态与培训情况", "Volunteer groups and people, skills, availability, training"],
  "teams.certsLapsing": ["证书到期提醒", "Certificates lapsing"],
  "teams.certsHint": ["{n} 本队员证书将在 60 天内到期或已过期，请及时复审", "{n} certificates lapse within 60 days or have lapsed"],
  "teams.certsN": ["{n} 本将到期", "{n} lapsing"],
  "teams.member": ["队员", "Member"],
  "teams.certificate": ["证书", "Certificate"],
  "teams.expiresOn": ["有效期至", "Expires on"],
  "teams.daysLeft": ["剩余", "Left"],
  "teams.lapsed": ["已过期", "Lapsed"],
  "teams.inDays": ["{n} 天", "{n} days"],
} as const satisfies Record<string, readonly [string, string]>;
