"""What a replay wrote, as pandas DataFrames: from InfluxDB (RADAR_INFLUX_URL) or from the replay's files.

Either source gives the same frames: one row per point, a UTC ``time`` column, the scope and its key as
``scope`` and ``key`` (the tag ``market``, ``asset`` or ``venue``), ``window`` where the measurement has one,
then the fields of the README's measurement table as floats (``level`` stays text). Alerts come one row per
record of ``alerts.jsonl`` (the fields of the ``alerts`` measurement).

Environment:
  RADAR_REPLAY_DIR    the replay's --out directory (alerts.jsonl, signals.lp); default: out/demo of the repo
  RADAR_INFLUX_URL    read InfluxDB over its v1 HTTP API instead (files remain the fallback when it is down)
  RADAR_INFLUX_DB     database (radar); RADAR_INFLUX_RP: retention policy (history, where replays write)
  RADAR_INFLUX_USERNAME / RADAR_INFLUX_PASSWORD or RADAR_INFLUX_TOKEN: credentials, as for the radar itself
  RADAR_LIQUIDATIONS  the replayed liquidations CSV file(s), comma-separated, for the tape itself (optional;
                      default: liquidations.csv or input/liquidations.csv of the replay directory, as
                      radar demo leaves it)
  RADAR_GROUND_TRUTH  labelled events; default: ground_truth/known_liquidation_cascades.csv of
                      RADAR_RECORDED_DATA or of ../shared/data next to the repo
"""

import json
import os
import re
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd

REPO = Path(__file__).resolve().parent.parent
SEVERITIES = ["WATCH", "WARNING", "CRITICAL"]
LEVELS = ["CALM", "NORMAL", "ELEVATED", "SEVERE"]
KEY_TAGS = ("market", "asset", "venue")

# The fields of each measurement (README, "InfluxDB: time series and alerts"), in this order in every frame.
FIELDS = {
    "cascade_intensity": ["usd", "count", "long_usd", "short_usd", "long_count", "short_count", "expected_usd",
                          "excess", "expected_count", "count_excess"],
    "cascade_state": ["level", "level_code", "baseline_usd_per_min", "robust_z", "branching_ratio", "acceleration",
                      "baseline_minutes", "sampled_share", "calm_seconds", "breadth_assets", "breadth_venues",
                      "coverage_gaps"],
    "oi_change": ["change_pct_usd", "change_pct_base", "liquidated_usd", "forced_share"],
    "open_interest": ["open_interest_usd", "open_interest_base", "instruments", "typical_change_pct", "stress",
                      "flush"],
    "price": ["price", "change_pct_5m", "change_pct_15m", "change_pct_60m", "drawdown_pct_60m"],
}
WINDOWED = {"cascade_intensity", "oi_change"}
TEXT_FIELDS = {"level"}
ALERT_COLUMNS = ["time", "alert_id", "episode_id", "sequence", "scope", "key", "pattern", "severity",
                 "severity_code", "state", "direction", "usd_15m", "excess_15m", "breadth_assets", "summary"]


def _path(value):
    """A path from the environment; a relative one against the directory the user started Jupyter in."""
    path = Path(value).expanduser()
    if path.is_absolute():
        return path
    bases = [Path(b) for b in (os.environ.get("PWD"), os.getcwd()) if b]
    return next((b / path for b in bases if (b / path).exists()), bases[0] / path).resolve()


def utc(value):
    """A pandas UTC timestamp from a string, a datetime or epoch milliseconds."""
    if value is None:
        return None
    if isinstance(value, (int, float)):
        return pd.Timestamp(int(value), unit="ms", tz="UTC")
    ts = pd.Timestamp(value)
    return ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")


def _ms(ts):
    return None if ts is None else int(utc(ts).value // 1_000_000)


def _frame(measurement, records):
    """Rows of (time ms, tags, fields) to the common shape of a measurement."""
    fields = list(FIELDS.get(measurement, []))
    for _, _, values in records:
        fields.extend(f for f in values if f not in fields)
    columns = ["time", "scope", "key"] + (["window"] if measurement in WINDOWED else []) + fields
    rows = []
    for time, tags, values in records:
        key = next((tags[t] for t in KEY_TAGS if tags.get(t) is not None), None)
        row = {"time": time, "scope": tags.get("scope"), "key": key, "window": tags.get("window")}
        row.update(values)
        rows.append(row)
    df = pd.DataFrame(rows, columns=columns)
    df["time"] = pd.to_datetime(df["time"].astype("int64"), unit="ms", utc=True)
    for f in fields:
        df[f] = df[f].astype(object) if f in TEXT_FIELDS else pd.to_numeric(df[f], errors="coerce").astype(float)
    sort = ["time", "scope", "key"] + (["window"] if measurement in WINDOWED else [])
    return df.sort_values(sort, kind="stable").reset_index(drop=True)


def _alerts_frame(rows):
    df = pd.DataFrame(rows, columns=ALERT_COLUMNS)
    df["time"] = pd.to_datetime(df["time"].astype("int64"), unit="ms", utc=True)
    for f in ("sequence", "severity_code", "usd_15m", "excess_15m", "breadth_assets"):
        df[f] = pd.to_numeric(df[f], errors="coerce").astype(float)
    # InfluxDB keeps one point per series and time: two records of a scope with the same pattern, severity,
    # state and time are one point there, and so here.
    df = df.drop_duplicates(["scope", "key", "pattern", "severity", "state", "time"], keep="last")
    return df.sort_values(["time", "alert_id", "sequence"], kind="stable").reset_index(drop=True)


class Source:
    """Where the replay's outputs are read from; the frames are the same whichever it is."""

    description = ""

    def series(self, measurement, scope=None, key=None, window=None, start=None, end=None):
        """Points of a measurement, optionally of one scope, key and window, with start <= time < end."""
        raise NotImplementedError

    def alerts(self):
        """One row per alert record (state change), in detection (event) time."""
        raise NotImplementedError

    def intensity(self, scope="MARKET", key="ALL", window="1m", start=None, end=None):
        return self.series("cascade_intensity", scope, key, window, start, end)

    def state(self, scope="MARKET", key="ALL", start=None, end=None):
        return self.series("cascade_state", scope, key, None, start, end)

    def open_interest(self, scope="MARKET", key="ALL", start=None, end=None):
        return self.series("open_interest", scope, key, None, start, end)

    def oi_change(self, scope="MARKET", key="ALL", window="15m", start=None, end=None):
        return self.series("oi_change", scope, key, window, start, end)

    def price(self, asset=None, start=None, end=None):
        return self.series("price", "ASSET", asset, None, start, end)

    def per_minute(self, scope="MARKET", key=None, start=None, end=None):
        """Liquidated USD and counts per calendar minute, long and short, per key of a scope.

        The sum of the 10-second steps of each minute: exact, also while a scope is calm and evaluated only at
        steps with liquidations; it equals the 1m window at each minute's last step.
        """
        steps = self.intensity(scope, key, "10s", start, end)
        columns = ["usd", "long_usd", "short_usd", "count", "long_count", "short_count"]
        steps["minute"] = (steps["time"] - pd.Timedelta(milliseconds=1)).dt.floor("1min")
        minutes = steps.groupby(["minute", "key"], as_index=False)[columns].sum()
        return minutes[minutes["count"] > 0].reset_index(drop=True)

    def liquidations(self, start=None, end=None):
        """The replayed liquidations themselves (RADAR_LIQUIDATIONS), or None where they are not at hand."""
        files = [f for f in os.environ.get("RADAR_LIQUIDATIONS", "").split(",") if f.strip()]
        if not files and getattr(self, "dir", None) is not None:
            files = [f for f in (self.dir / "liquidations.csv", self.dir / "input" / "liquidations.csv") if f.exists()][:1]
        if not files:
            return None
        df = pd.concat([pd.read_csv(_path(f), low_memory=False) for f in files], ignore_index=True)
        times = df["event_time"].astype(str)
        numeric = times.str.fullmatch(r"\d+")
        parsed = pd.to_datetime(times.where(~numeric), utc=True, errors="coerce")
        parsed[numeric] = pd.to_datetime(times[numeric].astype("int64"), unit="ms", utc=True)
        df["event_time"] = parsed
        if "notional_usd" in df:
            df["notional_usd"] = df["notional_usd"].fillna(df["price"] * df["quantity_base"])
        if start is not None:
            df = df[df["event_time"] >= utc(start)]
        if end is not None:
            df = df[df["event_time"] < utc(end)]
        return df.sort_values("event_time").reset_index(drop=True)


class FileSource(Source):
    """A replay's output directory: alerts.jsonl and signals.lp (InfluxDB line protocol, ms)."""

    def __init__(self, directory):
        self.dir = Path(directory)
        self.description = f"replay files in {self.dir}"
        for name in ("alerts.jsonl", "signals.lp"):
            if not (self.dir / name).exists():
                raise FileNotFoundError(f"{self.dir / name} is missing: is RADAR_REPLAY_DIR a replay's --out directory?")

    def series(self, measurement, scope=None, key=None, window=None, start=None, end=None):
        lo, hi = _ms(start), _ms(end)
        prefix = measurement + ","
        wanted = {}  # series key -> its tags if wanted, else None
        records = []
        with open(self.dir / "signals.lp", encoding="utf-8") as lines:
            for line in lines:
                if not line.startswith(prefix):
                    continue
                head, _, rest = line.partition(" ")
                tags = wanted.get(head, False)
                if tags is False:
                    tags = _tags(head)
                    if ((scope is not None and tags.get("scope") != scope)
                            or (window is not None and tags.get("window") != window)
                            or (key is not None and key not in (tags.get(t) for t in KEY_TAGS))):
                        tags = None
                    wanted[head] = tags
                if tags is None:
                    continue
                fields, _, stamp = rest.rstrip("\n").rpartition(" ")
                time = int(stamp)
                if (lo is not None and time < lo) or (hi is not None and time >= hi):
                    continue
                records.append((time, tags, _fields(fields)))
        return _frame(measurement, records)

    def alerts(self):
        rows = []
        with open(self.dir / "alerts.jsonl", encoding="utf-8") as lines:
            for line in lines:
                if not line.strip():
                    continue
                a = json.loads(line)
                evidence = a.get("evidence") or {}
                rows.append({"time": a["detectedAt"], "alert_id": a["alertId"], "episode_id": a["episodeId"],
                             "sequence": a["sequence"], "scope": a["scope"], "key": a["scopeKey"],
                             "pattern": a["pattern"], "severity": a["severity"],
                             "severity_code": SEVERITIES.index(a["severity"]), "state": a["state"],
                             "direction": a["direction"], "usd_15m": evidence.get("usd15m"),
                             "excess_15m": evidence.get("excess15m"),
                             "breadth_assets": evidence.get("breadthAssets"), "summary": a["summary"]})
        return _alerts_frame(rows)


_ESCAPED = re.compile(r"\\(.)")
_FIELD = re.compile(r'([^=,]+)=("(?:[^"\\]|\\.)*"|[^,]*)')


def _tags(head):
    parts = re.split(r"(?<!\\),", head)[1:]
    return dict(_ESCAPED.sub(r"\1", p).split("=", 1) for p in parts)


def _fields(text):
    pairs = text.split(",") if '"' not in text else [m.group(0) for m in _FIELD.finditer(text)]
    values = {}
    for pair in pairs:
        name, _, value = pair.partition("=")
        if value.startswith('"'):
            values[name] = _ESCAPED.sub(r"\1", value[1:-1])
        elif value.endswith("i") or value.endswith("u"):
            values[name] = int(value[:-1])
        elif value in ("t", "T", "true", "True", "TRUE"):
            values[name] = 1.0
        elif value in ("f", "F", "false", "False", "FALSE"):
            values[name] = 0.0
        else:
            values[name] = float(value)
    return values


class InfluxSource(Source):
    """InfluxDB's v1 HTTP API (/query), through the influxdb client, times in epoch milliseconds."""

    def __init__(self, url, database="radar", retention_policy="history", directory=None):
        from influxdb import InfluxDBClient

        u = urlparse(url)
        headers = {}
        if os.environ.get("RADAR_INFLUX_TOKEN"):
            headers["Authorization"] = "Token " + os.environ["RADAR_INFLUX_TOKEN"]
        self.client = InfluxDBClient(host=u.hostname, port=u.port or (443 if u.scheme == "https" else 8086),
                                     username=os.environ.get("RADAR_INFLUX_USERNAME", "root"),
                                     password=os.environ.get("RADAR_INFLUX_PASSWORD", "root"),
                                     database=database, ssl=u.scheme == "https", verify_ssl=u.scheme == "https",
                                     path=u.path.strip("/"), headers=headers, timeout=60)
        self.client.ping()
        self.rp = retention_policy
        self.dir = directory
        self.description = f"InfluxDB {url}, database {database}, retention policy {retention_policy}"

    def _query(self, q):
        from influxdb.resultset import ResultSet

        result = self.client.query(q, epoch="ms", chunked=True, chunk_size=50_000)
        chunks = [result] if isinstance(result, ResultSet) else result  # one result set per chunk since 5.3
        return [point for chunk in chunks for point in chunk.get_points()]

    def series(self, measurement, scope=None, key=None, window=None, start=None, end=None):
        where = []
        if scope is not None:
            where.append(f"\"scope\" = '{scope}'")
        if key is not None:
            where.append("(" + " OR ".join(f"\"{t}\" = '{key}'" for t in KEY_TAGS) + ")")
        if window is not None:
            where.append(f"\"window\" = '{window}'")
        if start is not None:
            where.append(f"time >= {_ms(start)}ms")
        if end is not None:
            where.append(f"time < {_ms(end)}ms")
        q = f'SELECT * FROM "{self.rp}"."{measurement}"' + (" WHERE " + " AND ".join(where) if where else "")
        tag_names = {"scope", "window", *KEY_TAGS}
        records = []
        for p in self._query(q):
            tags = {t: p.pop(t, None) for t in tag_names}
            time = p.pop("time")
            records.append((time, tags, {f: v for f, v in p.items() if v is not None}))
        return _frame(measurement, records)

    def alerts(self):
        rows = []
        for p in self._query(f'SELECT * FROM "{self.rp}"."alerts"'):
            key = next((p[t] for t in KEY_TAGS if p.get(t) is not None), None)
            rows.append({c: p.get(c) for c in ALERT_COLUMNS} | {"key": key})
        return _alerts_frame(rows)


def open_source():
    """InfluxDB when RADAR_INFLUX_URL is set and answers, else the files of RADAR_REPLAY_DIR."""
    directory = _path(os.environ["RADAR_REPLAY_DIR"]) if os.environ.get("RADAR_REPLAY_DIR") else REPO / "out" / "demo"
    url = os.environ.get("RADAR_INFLUX_URL")
    if url:
        try:
            return InfluxSource(url, os.environ.get("RADAR_INFLUX_DB", "radar"),
                                os.environ.get("RADAR_INFLUX_RP", "history"),
                                directory if directory.exists() else None)
        except Exception as e:  # noqa: BLE001 - any failure to reach the server means: use the files
            if not directory.exists():
                raise
            print(f"InfluxDB at {url} not available ({e}); reading {directory} instead")
    return FileSource(directory)


def ground_truth_path():
    """RADAR_GROUND_TRUTH, else the labelled events of the recorded data next to the repo (None if absent)."""
    if os.environ.get("RADAR_GROUND_TRUTH"):
        return _path(os.environ["RADAR_GROUND_TRUTH"])
    data = [_path(os.environ["RADAR_RECORDED_DATA"])] if os.environ.get("RADAR_RECORDED_DATA") else []
    for d in data + [REPO.parent / "shared" / "data"]:
        path = d / "ground_truth" / "known_liquidation_cascades.csv"
        if path.exists():
            return path
    return None


def ground_truth(path=None):
    """Labelled events with their core window as UTC ``start`` and ``end`` (an end before the start is the next day)."""
    path = path or ground_truth_path()
    if path is None:
        return pd.DataFrame(columns=["event_id", "start", "end"])
    events = pd.read_csv(path)
    day = pd.to_datetime(events["date_utc"], utc=True)
    events["start"] = day + pd.to_timedelta(events["core_window_start_utc"] + ":00")
    events["end"] = day + pd.to_timedelta(events["core_window_end_utc"] + ":00")
    events.loc[events["end"] <= events["start"], "end"] += pd.Timedelta(days=1)
    return events


def episodes(alerts):
    """One row per alert (episode of a scope): opened, last record (its resolution once resolved), severities."""
    if alerts.empty:
        return pd.DataFrame(columns=["alert_id", "scope", "key", "opened", "closed", "resolved", "max_severity",
                                     "max_severity_code", "warning_at", "patterns", "peak_usd_15m"])
    rows = []
    for alert_id, records in alerts.groupby("alert_id", sort=False):
        warning = records[records["severity_code"] >= 1]
        top = records.loc[records["severity_code"].idxmax()]
        rows.append({"alert_id": alert_id, "scope": records["scope"].iloc[0], "key": records["key"].iloc[0],
                     "opened": records["time"].min(), "closed": records["time"].max(),
                     "resolved": (records["state"] == "RESOLVED").any(), "max_severity": top["severity"],
                     "max_severity_code": top["severity_code"],
                     "warning_at": warning["time"].min() if not warning.empty else pd.NaT,
                     "patterns": ", ".join(dict.fromkeys(records["pattern"])),
                     "peak_usd_15m": records["usd_15m"].max()})
    return pd.DataFrame(rows).sort_values("opened").reset_index(drop=True)


def output_dir(source):
    """RADAR_NOTEBOOK_OUT, else the replay directory (where the notebooks write their CSV files)."""
    if os.environ.get("RADAR_NOTEBOOK_OUT"):
        out = _path(os.environ["RADAR_NOTEBOOK_OUT"])
    elif getattr(source, "dir", None) is not None:
        out = source.dir
    else:
        out = Path.cwd()
    out.mkdir(parents=True, exist_ok=True)
    return out


# Plotting conventions shared by the notebooks.
SEVERITY_COLORS = {"WATCH": "#e6b800", "WARNING": "#f07f00", "CRITICAL": "#d62728"}


def time_axis(ax, label="time (UTC)"):
    """Concise UTC dates on the x axis."""
    import matplotlib.dates as mdates

    locator = mdates.AutoDateLocator(tz="UTC")
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, tz="UTC"))
    ax.set_xlabel(label)


def no_data(ax, text):
    """A panel that says what is missing instead of plotting it."""
    ax.text(0.5, 0.5, text, transform=ax.transAxes, ha="center", va="center", color="0.35", wrap=True)
    ax.set_yticks([])
