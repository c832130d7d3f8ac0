/** Passwords seen most often in leaks (lower-cased), including those that pass the class rule. */
export const COMMON_PASSWORDS = new Set([
  "password", "password1", "password123", "passw0rd", "p@ssw0rd", "p@ssword1", "p@ssw0rd1", "p@ssw0rd123",
  "admin123", "admin@123", "admin#123", "admin1234", "administrator1", "root1234", "root@123", "qwer1234",
  "qwerty123", "qwerty1!", "qwe123!@#", "1qaz2wsx", "1qaz@wsx", "1qaz!qaz", "zaq12wsx", "abc123456", "abc@123",
  "abc#1234", "abcd1234", "abcd@1234", "aa123456", "a1234567", "a123456789", "a1b2c3d4", "welcome1", "welcome@1",
  "welcome123", "letmein1", "iloveyou1", "sunshine1", "monkey123", "dragon123", "football1", "baseball1",
  "master123", "trustno1", "test1234", "test@123", "changeme1", "changeme!", "12345678", "123456789", "1234567890",
  "11111111", "88888888", "66666666", "00000000", "12341234", "woaini1314", "woaini520", "5201314a", "huawei123",
  "huawei@123", "huawei12#$", "sa123456", "user1234", "user@123", "guest123", "summer2024!", "winter2024!",
  "spring2025!", "autumn2025!", "password!", "password@1", "password#1", "p@55w0rd", "pa$$w0rd", "pa$$word1",
  "yingji123", "yingji@123", "demo@1234", "demo#1234", "china123", "china@123", "beijing123", "changzhou1",
]);
