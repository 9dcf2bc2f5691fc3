-- Prompts recorded in the browser (package prompts): every version kept, one approved per prompt
-- and dialect. The audio is a file under the prompt folder (voice-prompts/recorded/<dialect>/
-- <id>-v<version>.wav), which Asterisk plays; these rows say which versions exist and which is in use.
create table voice_prompt_recording (
  id bigserial primary key,
  prompt_id varchar(60) not null,
  dialect varchar(10) not null,
  version int not null check (version > 0),
  file varchar(200) not null,            -- relative to the prompt folder, without .wav
  duration_ms int not null,              -- after trimming silence
  trimmed_ms int not null,               -- silence removed at both ends
  level_db numeric(5, 1) not null,       -- RMS of the sounding part, dBFS
  peak_db numeric(5, 1) not null,
  source varchar(12) not null check (source in ('MICROPHONE', 'UPLOAD')),
  source_name varchar(200),
  source_format varchar(200) not null,   -- what was received (e.g. "WAV PCM 48000 Hz 16-bit 1 ch")
  recorded_by varchar(40) not null,
  recorded_at timestamptz not null,
  approved_by varchar(40),               -- the last approval of this version (history: audit_event)
  approved_at timestamptz,
  unique (prompt_id, dialect, version)
);

-- The version calls play; no row: the placeholder (or the Mandarin fallback) is played.
create table voice_prompt_approval (
  prompt_id varchar(60) not null,
  dialect varchar(10) not null,
  recording_id bigint not null references voice_prompt_recording (id),
  approved_by varchar(40) not null,
  approved_at timestamptz not null,
  primary key (prompt_id, dialect)
);
