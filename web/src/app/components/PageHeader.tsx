import { Breadcrumb, Flex, Typography } from "antd";
import type { ReactNode } from "react";
import { Link } from "react-router";

export interface Crumb {
  title: string;
  to?: string;
}

/** Title row of a console page: breadcrumb, title, and the page's main actions on the right. */
export function PageHeader({ title, crumbs, extra, sub }: { title: ReactNode; crumbs?: Crumb[]; extra?: ReactNode; sub?: ReactNode }) {
  return (
    <div className="page-header">
      {crumbs && (
        <Breadcrumb
          items={crumbs.map((c) => ({ title: c.to ? <Link to={c.to}>{c.title}</Link> : c.title }))}
          style={{ marginBottom: 6 }}
        />
      )}
      <Flex justify="space-between" align="center" gap={12} wrap>
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          {sub && <Typography.Text type="secondary">{sub}</Typography.Text>}
        </div>
        {extra && <Flex gap={8} wrap>{extra}</Flex>}
      </Flex>
    </div>
  );
}
