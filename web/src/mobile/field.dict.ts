/** The field app's words for offline use and reporting without GPS: [中文, English]. */
export const FIELD_DICT = {
  "m.keptAt": ["无网络 · 显示手机上保存的数据（{time} 更新）", "Offline · showing data kept on this phone (updated {time})"],
  "m.keptNone": ["无网络 · 此页数据尚未保存到手机", "Offline · this page has not been kept on this phone yet"],
  "m.offlineNoUser": ["无网络，且本机没有登录记录", "Offline, and no one has signed in on this phone"],
  "m.offlineNoUserDesc": ["请联网后登录一次，之后无信号也能打开", "Sign in once with a network; the app then opens without one"],
  "m.sessionExpired": ["登录已过期，请输入密码继续", "Your session has expired: enter your password to continue"],
  "m.queueWaiting": ["{n} 条上报等待发送，登录后自动发送", "{n} report(s) waiting: they are sent once you sign in"],
  "m.offlineSearch": ["无网络 · 在手机保存的通讯录中搜索", "Offline · searching the contacts kept on this phone"],
  "m.callOffline": ["无网络时无法查看完整号码，请拨打单位值班电话", "Full numbers cannot be shown offline: call a duty phone"],
  "m.noCallReason": ["您的角色不能查看完整号码，请拨打单位值班电话", "Your role cannot see full numbers: call a unit's duty phone"],
  "m.navigate": ["导航", "Navigate"],
  "m.navSystem": ["系统地图", "Map app"],
  "m.navAmap": ["高德地图", "Amap"],
  "m.navBaidu": ["百度地图", "Baidu Maps"],
  "m.navTencent": ["腾讯地图", "Tencent Maps"],
  "m.lastSeen": ["上次查询的位置", "Last searched position"],
} as const satisfies Record<string, readonly [string, string]>;
