import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useFetcher, useLoaderData, useNavigate, useNavigation, useSubmit } from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";
import {
  Badge,
  Banner,
  BlockStack,
  Card,
  ChoiceList,
  FormLayout,
  Layout,
  List,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useEffect, useMemo, useState } from "react";

import { recurrenceKinds } from "../.server/job-queue/entry-form.ts";
import {
  entryTaskName,
  loadEntryEdit,
  type NextRunsPreview,
  saveEntryForm,
} from "../.server/job-queue/job-queue-actions.ts";
import { shopIdFor } from "../.server/shops/current-shop.ts";
import { authenticate } from "../shopify.server.ts";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const task = entryTaskName.safeParse(params.task);
  if (!task.success) throw new Response("No such task", { status: 404 });
  const page = await loadEntryEdit(await shopIdFor(session.shop), task.data);
  if (!page) throw new Response("No such entry", { status: 404 });
  return { ...page, kinds: recurrenceKinds };
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const task = entryTaskName.safeParse(params.task);
  if (!task.success) return { ok: false as const, fieldErrors: { kind: "is not a task of the job queue" } };
  const saved = await saveEntryForm(await shopIdFor(session.shop), task.data, await request.formData());
  return saved ?? { ok: false as const, fieldErrors: { kind: "this entry does not exist" } };
};

const weekdayChoices = [
  { value: "mon", label: "Monday" },
  { value: "tue", label: "Tuesday" },
  { value: "wed", label: "Wednesday" },
  { value: "thu", label: "Thursday" },
  { value: "fri", label: "Friday" },
  { value: "sat", label: "Saturday" },
  { value: "sun", label: "Sunday" },
];

type Values = { kind: string; every: string; minute: string; time: string; days: string[] };

function toParams(task: string, values: Values): URLSearchParams {
  const params = new URLSearchParams({
    task,
    kind: values.kind,
    every: values.every,
    minute: values.minute,
    time: values.time,
  });
  for (const day of values.days) params.append("days", day);
  return params;
}

export default function EditEntry() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const submit = useSubmit();
  const navigate = useNavigate();
  const saving = useNavigation().state === "submitting";
  const shopify = useAppBridge();
  const preview = useFetcher<NextRunsPreview>();
  const initial = page.values;
  const [values, setValues] = useState<Values>(() => ({
    kind: String(initial.kind),
    every: String(initial.every),
    minute: String(initial.minute),
    time: String(initial.time),
    days: Array.isArray(initial.days) ? initial.days : [],
  }));
  const [edited, setEdited] = useState(false);
  const set = (patch: Partial<Values>) => {
    setValues((v) => ({ ...v, ...patch }));
    setEdited(true);
  };
  const params = useMemo(() => toParams(page.task, values), [page.task, values]);

  // The next five runs follow the form as it is typed, a moment after the last key.
  useEffect(() => {
    if (!edited) return;
    const timer = setTimeout(() => preview.load(`/app/jobs/next-runs?${params.toString()}`), 250);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [params, edited]);

  useEffect(() => {
    if (result?.ok) {
      shopify.toast.show(`Saved. ${result.message}`);
      navigate("/app/jobs");
    }
  }, [result, shopify, navigate]);

  const live = edited ? preview.data : undefined;
  const saveErrors = result && !result.ok ? result.fieldErrors : {};
  const liveErrors = live && !live.ok ? live.fieldErrors : {};
  const errors: Record<string, string> = { ...liveErrors, ...saveErrors };
  const upcoming = live ? (live.ok ? live.upcoming : []) : page.upcoming;
  const error = (field: string) => (errors[field] ? `${labelOf(field)} ${errors[field]}` : undefined);

  const save = () => {
    const form = new FormData();
    for (const [key, value] of toParams(page.task, values)) form.append(key, value);
    submit(form, { method: "post" });
  };

  return (
    <Page
      title={`Edit: ${page.title}`}
      titleMetadata={page.onHold ? <Badge tone="warning">On hold</Badge> : <Badge tone="success">On</Badge>}
      subtitle={page.description}
      backAction={{ content: "Job queue", url: "/app/jobs" }}
      primaryAction={{ content: "Save", loading: saving, onAction: save }}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {result && !result.ok ? (
              <Banner tone="critical" title="The entry was not saved">
                <p>Correct the fields marked below and save again.</p>
              </Banner>
            ) : null}
            <Card>
              <FormLayout>
                <Select
                  label="Runs"
                  name="kind"
                  id="kind"
                  options={page.kinds.map((k) => ({ value: k.value, label: k.label }))}
                  value={values.kind}
                  onChange={(kind) => set({ kind })}
                  error={error("kind")}
                />
                {values.kind === "minutes" ? (
                  <TextField
                    label="Every (minutes)"
                    name="every"
                    id="every"
                    type="number"
                    autoComplete="off"
                    helpText="A number that divides the hour: 1, 2, 3, 4, 5, 6, 10, 12, 15, 20 or 30."
                    value={values.every}
                    onChange={(every) => set({ every })}
                    error={error("every")}
                  />
                ) : null}
                {values.kind === "hourly" ? (
                  <TextField
                    label="At minute"
                    name="minute"
                    id="minute"
                    type="number"
                    autoComplete="off"
                    value={values.minute}
                    onChange={(minute) => set({ minute })}
                    error={error("minute")}
                  />
                ) : null}
                {values.kind === "weekly" ? (
                  <ChoiceList
                    title="On"
                    allowMultiple
                    choices={weekdayChoices}
                    selected={values.days}
                    onChange={(days) => set({ days })}
                    error={error("days")}
                  />
                ) : null}
                {values.kind === "daily" || values.kind === "weekly" ? (
                  <TextField
                    label="At (HH:MM)"
                    name="time"
                    id="time"
                    autoComplete="off"
                    placeholder="06:00"
                    value={values.time}
                    onChange={(time) => set({ time })}
                    error={error("time")}
                  />
                ) : null}
              </FormLayout>
            </Card>
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingSm">
                Next five runs
              </Text>
              <Text as="p" tone="subdued" variant="bodySm">
                In the shop&apos;s time zone, {page.timeZone}.
                {page.onHold ? " The entry is on hold: it runs once resumed." : ""}
              </Text>
              {upcoming.length > 0 ? (
                <div data-testid="upcoming-runs" data-upcoming-at={live?.ok ? live.upcomingAt.join(",") : ""}>
                  <List type="number">
                    {upcoming.map((time) => (
                      <List.Item key={time}>{time}</List.Item>
                    ))}
                  </List>
                </div>
              ) : (
                <Text as="p" tone="critical">
                  No runs until the fields marked are corrected.
                </Text>
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function labelOf(field: string): string {
  switch (field) {
    case "every":
      return "The interval";
    case "minute":
      return "The minute";
    case "time":
      return "The time";
    case "days":
      return "Weekdays:";
    default:
      return "The recurrence";
  }
}
