/** The baseline: a bare Fastify route answering a fixed page of 50 people-shaped rows, no database. */
import Fastify from "fastify";

const page = {
  items: Array.from({ length: 50 }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`, unitId: "00000000-0000-4000-8000-000000000000", unitName: "湖塘镇",
    name: "张三", title: "值班员", emergencyRoles: ["duty"], duty: "24小时值班值守", mobile: "138****1234", officePhone: null, email: null,
    isLiaison: false, active: true, sort: i, createdAt: "2026-01-01T00:00:00.000Z", updatedAt: "2026-01-01T00:00:00.000Z", version: 1,
  })),
  total: 700, page: 1, pageSize: 50,
};
const app = Fastify();
app.get("/api/health", async () => ({ status: "ok" }));
app.get("/people", async () => page);
await app.listen({ port: Number(process.env.PORT), host: "127.0.0.1" });
process.on("SIGTERM", () => app.close().then(() => process.exit(0)));
