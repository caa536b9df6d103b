import { SettingsTabs } from "@/components/settings/settings-tabs";

export default function SettingsLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="grid gap-6">
      <div className="grid gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">User settings</h1>
        <p className="text-sm text-neutral-500">Manage how your documents talk to your other systems.</p>
      </div>
      <SettingsTabs />
      <div>{children}</div>
    </div>
  );
}
