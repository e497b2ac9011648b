import {
  type Announcements,
  DndContext,
  type DragEndEvent,
  type DragOverEvent,
  DragOverlay,
  type DragStartEvent,
  KeyboardSensor,
  PointerSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, type Lead } from '@triage/contracts';
import { STAGE_LABELS, type Stage } from '@triage/core';
import { useState } from 'react';
import { api } from '../api/api-client';
import { decideDrop } from '../logic/board-drop';
import { Link, useDocumentTitle } from '../routing/router';
import { type ReasonChoice, ReasonDialog } from '../ui/disqualify-dialog';
import { HeatFlames } from '../ui/heat-flames';
import { FitMeter, SHORT_STAGE } from '../ui/stage-badge';

export const BOARD_COLUMNS: Stage[] = [
  'lead',
  'mql',
  'pql',
  'cql',
  'sal',
  'sql',
  'opportunity',
  'customer',
  'nurture',
  'disqualified',
  'closed_lost',
];
const PER_COLUMN = 25;

type Notice = { text: string; tone: 'good' | 'bad' } | null;

export function BoardScreen() {
  useDocumentTitle('Pipeline');
  const queryClient = useQueryClient();
  const columns = useQueries({
    queries: BOARD_COLUMNS.map((stage) => ({
      queryKey: ['leads', 'board', stage],
      queryFn: () => api.listLeads({ stage: [stage], sort: 'heat' as const, limit: PER_COLUMN }),
    })),
  });
  const counts = useQuery({ queryKey: ['leads', 'board', 'counts'], queryFn: () => api.funnel() });
  const countOf = (stage: Stage) => counts.data?.stages.find((s) => s.stage === stage)?.current;
  const [moved, setMoved] = useState<Record<string, Stage>>({});
  const [active, setActive] = useState<Lead | null>(null);
  const [over, setOver] = useState<Stage | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [asking, setAsking] = useState<{ lead: Lead; to: Stage } | null>(null);

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor),
  );

  const stageOf = (lead: Lead) => moved[lead.id] ?? lead.stage;
  const all = columns.flatMap((c) => c.data?.items ?? []);
  const leadById = (id: string) => all.find((l) => l.id === id);

  const move = useMutation({
    mutationFn: ({ lead, to, choice }: { lead: Lead; to: Stage; choice?: ReasonChoice }) =>
      api.transition(lead.id, { to, ...(choice ?? {}) }),
    onMutate: ({ lead, to }) => setMoved((m) => ({ ...m, [lead.id]: to })),
    onSuccess: (result, { lead }) => {
      setNotice({
        text: `${lead.name || lead.email} moved to ${STAGE_LABELS[result.lead.stage]}.`,
        tone: 'good',
      });
      void queryClient.invalidateQueries({ queryKey: ['leads'] }).then(() =>
        setMoved((m) => {
          const { [lead.id]: _, ...rest } = m;
          return rest;
        }),
      );
      void queryClient.invalidateQueries({ queryKey: ['lead', lead.id] });
    },
    onError: (error, { lead }) => {
      setMoved((m) => {
        const { [lead.id]: _, ...rest } = m;
        return rest;
      });
      setNotice({ text: error instanceof ApiError ? error.message : 'The move failed.', tone: 'bad' });
    },
  });

  const onDragStart = (event: DragStartEvent) => {
    setActive(leadById(String(event.active.id)) ?? null);
    setNotice(null);
  };
  const onDragOver = (event: DragOverEvent) => setOver((event.over?.id as Stage | undefined) ?? null);
  const onDragEnd = (event: DragEndEvent) => {
    setActive(null);
    setOver(null);
    const lead = leadById(String(event.active.id));
    const to = event.over?.id as Stage | undefined;
    if (!lead || !to) return;
    const decision = decideDrop(stageOf(lead), to);
    if (decision.kind === 'refused') setNotice({ text: decision.message, tone: 'bad' });
    else if (decision.kind === 'needs_reason') setAsking({ lead, to });
    else if (decision.kind === 'move') move.mutate({ lead, to });
  };

  const announcements: Announcements = {
    onDragStart: ({ active: a }) => `Picked up ${leadById(String(a.id))?.name ?? 'lead'}.`,
    onDragOver: ({ over: o }) => (o ? `Over ${STAGE_LABELS[o.id as Stage]}.` : 'Not over a stage.'),
    onDragEnd: ({ over: o }) =>
      o ? `Dropped on ${STAGE_LABELS[o.id as Stage]}.` : 'Dropped outside the board.',
    onDragCancel: () => 'Move cancelled.',
  };

  const forbidden = active && over ? decideDrop(stageOf(active), over).kind === 'refused' : false;

  return (
    <section aria-labelledby="board-title">
      <div className="screen-head">
        <h1 id="board-title">Pipeline</h1>
        <p className="muted small">
          Drag a card to another stage (or focus it, press Space, move with the arrows, Space to drop). The
          hottest {PER_COLUMN} leads per stage are shown.
        </p>
      </div>
      <div className={`notice ${notice?.tone ?? ''}`} role={notice?.tone === 'bad' ? 'alert' : 'status'}>
        {notice?.text}
      </div>
      <DndContext
        sensors={sensors}
        onDragStart={onDragStart}
        onDragOver={onDragOver}
        onDragEnd={onDragEnd}
        onDragCancel={() => {
          setActive(null);
          setOver(null);
        }}
        accessibility={{ announcements }}
      >
        <div className="board">
          {BOARD_COLUMNS.map((stage, i) => {
            const items = [
              ...(columns[i]?.data?.items ?? []).filter((l) => stageOf(l) === stage),
              ...all.filter((l) => l.stage !== stage && moved[l.id] === stage),
            ];
            return (
              <Column
                key={stage}
                stage={stage}
                count={countOf(stage)}
                items={items}
                loading={columns[i]?.isPending ?? true}
                forbidden={over === stage && forbidden}
              />
            );
          })}
        </div>
        <DragOverlay>{active ? <CardBody lead={active} overlay /> : null}</DragOverlay>
      </DndContext>
      {asking && (
        <ReasonDialog
          title={`Why is ${asking.lead.name || asking.lead.email} ${asking.to === 'closed_lost' ? 'lost' : 'disqualified'}?`}
          onCancel={() => setAsking(null)}
          onConfirm={(choice) => {
            move.mutate({ lead: asking.lead, to: asking.to, choice });
            setAsking(null);
          }}
        />
      )}
    </section>
  );
}

function Column({
  stage,
  count,
  items,
  loading,
  forbidden,
}: {
  stage: Stage;
  count: number | undefined;
  items: Lead[];
  loading: boolean;
  forbidden: boolean;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: stage });
  return (
    <section
      ref={setNodeRef}
      className={`column${isOver ? ' over' : ''}${forbidden ? ' forbidden' : ''}`}
      aria-label={`${STAGE_LABELS[stage]} column`}
      data-stage={stage}
    >
      <header className="column-head">
        <h2>{SHORT_STAGE[stage]}</h2>
        <span className="muted small">{count ?? items.length}</span>
      </header>
      <div className="column-cards">
        {loading && <span className="muted small">Loading…</span>}
        {items.map((lead) => (
          <Card key={lead.id} lead={lead} />
        ))}
      </div>
    </section>
  );
}

function Card({ lead }: { lead: Lead }) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: lead.id });
  return (
    // biome-ignore lint/a11y/useSemanticElements: the card holds a link to the lead, which a <button> may not contain
    <div
      ref={setNodeRef}
      className={`bcard${isDragging ? ' dragging' : ''}`}
      {...attributes}
      {...listeners}
      tabIndex={0}
      role="button"
      aria-roledescription="draggable lead"
      aria-label={`${lead.name || lead.email}, ${STAGE_LABELS[lead.stage]}. Press Space to move.`}
      data-lead={lead.id}
    >
      <CardBody lead={lead} />
    </div>
  );
}

function CardBody({ lead, overlay = false }: { lead: Lead; overlay?: boolean }) {
  const body = (
    <>
      <Link href={`/leads/${lead.id}`} className="bcard-name" tabIndex={-1}>
        {lead.name || lead.email}
      </Link>
      <span className="muted small">{lead.company ?? lead.email}</span>
      <div className="bcard-meta">
        <FitMeter fit={lead.fit} />
        <HeatFlames heat={lead.heat} />
      </div>
    </>
  );
  return overlay ? <div className="bcard overlay">{body}</div> : body;
}
