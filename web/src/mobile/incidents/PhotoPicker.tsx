import { CameraOutlined, CloseOutlined } from "@ant-design/icons";
import { List } from "antd-mobile";
import { useEffect, useMemo, useRef } from "react";
import { useI18n } from "../../app/i18n/useI18n.ts";
import { MAX_PHOTOS, shrinkPhoto } from "./photos.ts";

/** Photos of the scene: the camera or the gallery, shrunk on the phone, shown as thumbnails. */
export function PhotoPicker({ value, onChange }: { value: File[]; onChange: (files: File[]) => void }) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const urls = useMemo(() => value.map((f) => URL.createObjectURL(f)), [value]);
  useEffect(() => () => urls.forEach((u) => URL.revokeObjectURL(u)), [urls]);

  const add = async (files: FileList | null) => {
    if (!files?.length) return;
    const shrunk = await Promise.all([...files].slice(0, MAX_PHOTOS - value.length).map(shrinkPhoto));
    onChange([...value, ...shrunk]);
    if (input.current) input.current.value = "";
  };

  return (
    <List header={`${t("inc.photos")}（${value.length}/${MAX_PHOTOS}）`} mode="card">
      <List.Item>
        <div className="m-photos" data-testid="m-photos">
          {urls.map((u, i) => (
            <div key={u} className="m-photo">
              <img src={u} alt={value[i].name} />
              <button type="button" aria-label="remove" onClick={() => onChange(value.filter((_, j) => j !== i))}><CloseOutlined /></button>
            </div>
          ))}
          {value.length < MAX_PHOTOS && (
            <label className="m-photo m-photo-add">
              <CameraOutlined />
              <span>{t("inc.addPhotos")}</span>
              <input ref={input} type="file" accept="image/*" capture="environment" multiple hidden onChange={(e) => void add(e.target.files)} data-testid="m-photo-input" />
            </label>
          )}
        </div>
      </List.Item>
    </List>
  );
}
