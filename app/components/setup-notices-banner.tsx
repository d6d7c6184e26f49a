import { Link } from "@remix-run/react";
import { Banner, BlockStack, Text } from "@shopify/polaris";

export interface SetupNoticeView {
  key: string;
  count: number;
  message: string;
  action: { label: string; url: string };
}

/** Orders held up by a missing setting: how many, and a link to the setting. Nothing when none. */
export function SetupNoticesBanner({ notices }: { notices: SetupNoticeView[] }) {
  if (notices.length === 0) return null;
  return (
    <div data-testid="setup-banner">
      <Banner
        tone="warning"
        title={notices.length === 1 ? "Orders are waiting on a setting" : "Orders are waiting on settings"}
      >
        <BlockStack gap="100">
          {notices.map((notice) => (
            <Text as="p" key={notice.key}>
              <span data-notice={notice.key}>{notice.message}</span>{" "}
              <Link to={notice.action.url}>{notice.action.label}</Link>
            </Text>
          ))}
        </BlockStack>
      </Banner>
    </div>
  );
}
