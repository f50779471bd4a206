{{
    config(
        materialized='incremental',
        unique_key='event_id',
        incremental_strategy='merge',
    )
}}

{#- One row per real-world event (a cluster of event mentions, see int_event_clusters), whatever
    its modality; fct_events is the asserted subset analysts count. Each field carries its
    best-supported value across reports; fatalities keep the spread across reports. An event
    whose mentions all disappear, or that merged into an older event, stays with is_deleted. -#}

with mentions as (
    select * from {{ ref('fct_event_mentions') }}
),

-- the key columns alone, for finding what this run touched: a CTE read more than once is
-- materialised, so the wide mentions (sentences and all) are read once, in live
mention_keys as (
    select
        event_id,
        batch_id,
        is_deleted
    from {{ ref('fct_event_mentions') }}
),

clusters as (
    select
        event_id,
        previous_event_id,
        block_key,
        batch_id
    from {{ ref('int_event_clusters') }}
),

articles as (
    select * from {{ ref('stg_raw__articles') }}
),

{% if is_incremental() %}
touched_events as (
    select event_id from clusters where batch_id = '{{ batch_id() }}'
    union
    -- the event a re-clustered mention left
    select previous_event_id from clusters
    where batch_id = '{{ batch_id() }}' and previous_event_id is not null
    union
    select event_id from mention_keys where batch_id = '{{ batch_id() }}' and event_id is not null
    union
    select previous.event_id
    from {{ this }} as previous
    where previous.block_key in (select block_key from clusters where batch_id = '{{ batch_id() }}')
    union
    -- a live event none of whose mentions still points at it: its mentions were re-landed and
    -- re-clustered into another block this run (an article stored again on a later day)
    select previous.event_id
    from {{ this }} as previous
    where
        not previous.is_deleted
        and previous.event_id not in (
            select event_id from mention_keys
            where not is_deleted and event_id is not null
        )
),
{% endif %}

live as (
    select *
    from mentions
    where
        not is_deleted
        and event_id is not null
    {% if is_incremental() %}
        and event_id in (select event_id from touched_events)
        {% endif %}
),

counts as (
    select
        event_id,
        min(block_key) as block_key,
        count(*) as num_mentions,
        count(distinct article_id) as num_articles,
        count(distinct source_domain) as num_sources,
        min(reported_at) as first_reported_at,
        max(reported_at) as last_reported_at,
        min(event_date) as earliest_event_date,
        min(coalesce(fatalities_low, fatalities_best)) as fatalities_low,
        cast(round(percentile_cont(0.5) within group (order by fatalities_best)) as {{ dbt.type_int() }})
            as fatalities_best,
        max(coalesce(fatalities_high, fatalities_best)) as fatalities_high,
        max(confidence) as confidence,
        max(case when modality = 'asserted' then 1 else 0 end) as has_asserted_report
    from live
    group by event_id
),

independent_reports as (
    -- syndicated copies (one near-duplicate cluster) count once
    select
        live.event_id,
        count(distinct coalesce(articles.near_duplicate_cluster_id, live.article_id)) as num_independent_reports
    from live
    left join articles
        on live.article_id = articles.article_id and live.partition_date = articles.partition_date
    group by live.event_id
),

what as (
    {{ best_supported(
        'live',
        [
            'event_type',
            'event_mode',
            'acled_event_type',
            'acled_sub_event_type',
            'cameo_root',
        ],
        'event_type',
    ) }}
),

who1 as (
    {{ best_supported(
        'live',
        [
            'actor1_key',
            'actor1_id',
            'actor1_name',
            'actor1_type',
            'actor1_country_code',
            'actor1_backer_country_code',
        ],
        'actor1_id',
    ) }}
),

who2 as (
    {{ best_supported(
        'live',
        [
            'actor2_key',
            'actor2_id',
            'actor2_name',
            'actor2_type',
            'actor2_country_code',
            'actor2_backer_country_code',
        ],
        'actor2_id',
    ) }}
),

place as (
    {{ best_supported(
        'live',
        [
            'location_id',
            'location_name',
            'admin1',
            'country_code',
            'latitude',
            'longitude',
            'geo_precision',
        ],
        'location_name',
        'min(coalesce(geo_precision, 9))',
    ) }}
),

first_report as (
    select
        event_id,
        min(published_date) as first_published
    from live
    group by event_id
),

dated_checked as (
    select
        live.*,
        coalesce(live.date_start <= first_report.first_published, false) as is_before_report,
        sum(case when live.date_start <= first_report.first_published then 1 else 0 end)
            over (partition by live.event_id) as consistent_rows
    from live
    inner join first_report on live.event_id = first_report.event_id
),

-- an event cannot happen after it was first reported: when reports disagree, the dates that
-- respect that win (a later article's "today" must not move an event past its first report)
dated as (
    select * from dated_checked
    where is_before_report or consistent_rows = 0
),

time_span as (
    {{ best_supported(
        'dated',
        [
            'date_start',
            'date_end',
            'date_precision',
        ],
        'date_start',
        'min(' ~ date_precision_rank('date_precision') ~ ')',
    ) }}
),

attribution as (
    {{ best_supported('live', ['source_original'], 'source_original') }}
),

modal as (
    {{ best_supported('live', ['modality'], 'modality') }}
),

recomputed as (
    select
        counts.event_id,
        coalesce(time_span.date_start, counts.earliest_event_date) as event_date,
        time_span.date_start,
        time_span.date_end,
        time_span.date_precision,
        what.event_type,
        what.event_mode,
        what.acled_event_type,
        what.acled_sub_event_type,
        what.cameo_root,
        who1.actor1_key,
        who1.actor1_id,
        who1.actor1_name,
        who1.actor1_type,
        who1.actor1_country_code,
        who1.actor1_backer_country_code,
        who2.actor2_key,
        who2.actor2_id,
        who2.actor2_name,
        who2.actor2_type,
        who2.actor2_country_code,
        who2.actor2_backer_country_code,
        place.location_id,
        place.location_name,
        place.admin1,
        place.country_code,
        place.latitude,
        place.longitude,
        place.geo_precision,
        {{ acled_geo_precision('place.geo_precision') }} as acled_geo_precision,
        place.geo_precision as ucdp_where_prec,
        {{ acled_time_precision('time_span.date_precision') }} as acled_time_precision,
        {{ ucdp_date_prec('time_span.date_precision', 'time_span.date_start', 'time_span.date_end') }}
            as ucdp_date_prec,
        counts.fatalities_low,
        counts.fatalities_best,
        counts.fatalities_high,
        attribution.source_original,
        case when counts.has_asserted_report = 1 then 'asserted' else modal.modality end as modality,
        counts.num_mentions,
        counts.num_articles,
        counts.num_sources,
        independent_reports.num_independent_reports,
        counts.first_reported_at,
        counts.last_reported_at,
        counts.confidence,
        counts.block_key,
        false as is_deleted,
        cast(null as {{ dbt.type_timestamp() }}) as deleted_at
    from counts
    inner join what on counts.event_id = what.event_id
    inner join who1 on counts.event_id = who1.event_id
    inner join who2 on counts.event_id = who2.event_id
    inner join place on counts.event_id = place.event_id
    inner join time_span on counts.event_id = time_span.event_id
    inner join attribution on counts.event_id = attribution.event_id
    inner join modal on counts.event_id = modal.event_id
    inner join independent_reports on counts.event_id = independent_reports.event_id
),

{#- The table as it stands before this run. A full refresh rebuilds from the raw zone, but the
    deletion history (which events existed and when they were marked deleted) is not in the raw
    zone: a full refresh keeps every earlier event that no longer exists as a tombstone, so
    downstream copies can still sync the deletion. -#}
{%- set previous_relation = none %}
{#- a dbt unit test has no relation #}
{%- if this %}
    {%- set previous_relation = adapter.get_relation(this.database, this.schema, this.identifier) %}
{%- endif %}
{%- set keep_tombstones = previous_relation is not none and (is_incremental() or flags.FULL_REFRESH) %}
{%- set previous_columns = [] %}
{%- if keep_tombstones %}
    {%- for col in adapter.get_columns_in_relation(previous_relation) %}
        {%- do previous_columns.append(col.name | lower) %}
    {%- endfor %}
{%- endif %}
{% if keep_tombstones %}
tombstones as (
    -- events (touched by this run, or any on a full refresh) that no live mention supports any
    -- more: kept, marked deleted at the first run that found them gone
    select
        {#- by name, in the contract's order: a column added since the row was written is null #}
        {%- for name, col in model.columns.items() if name not in ['is_deleted', 'deleted_at', 'batch_id'] %}
            {% if name in previous_columns -%}
                previous.{{ adapter.quote(name) }}
            {%- else -%}
                cast(null as {{ col.data_type }}) as {{ adapter.quote(name) }}
            {%- endif %},
        {%- endfor %}
        true as is_deleted,
        coalesce(previous.deleted_at, {{ utc_timestamp(dbt.current_timestamp()) }}) as deleted_at
    from {{ previous_relation }} as previous
    where
        previous.event_id not in (select event_id from recomputed)
        {% if is_incremental() %}
            and previous.event_id in (select event_id from touched_events)
        {% endif %}
),
{% endif %}

final as (
    select
        *,
        '{{ batch_id() }}' as batch_id
    from recomputed
    {% if keep_tombstones %}
        union all
        select *, '{{ batch_id() }}' as batch_id from tombstones
    {% endif %}
)

select * from final
