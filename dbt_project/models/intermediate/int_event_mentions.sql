{{
    config(
        materialized='incremental',
        unique_key='event_mention_id',
        incremental_strategy='merge',
        on_schema_change='append_new_columns',
    )
}}

{#- Every event mention ever landed, with the article facts clustering needs and its blocking
    key. Incremental: reads only the run_date partition; a mention that was in this day before
    and is not any more is kept and marked deleted (ACLED-style), never dropped.

    Built to stay inside DuckDB's memory limit at a big day (millions of event mentions): the
    blocking logic runs on the narrow columns it reads (current_keys), and the wide rows
    (sentences, every coded field) are read once, at the end, through a join whose build side
    holds keys and blocks only. DuckDB materialises a CTE read twice: no wide CTE is. -#}

with events as (
    {{ landed_rows('stg_raw__events') }}
),

event_keys as (
    -- the columns blocking reads; the latest day wins when a re-fetched article repeats a
    -- mention
    select
        event_mention_id,
        article_id,
        partition_date,
        event_index,
        event_type,
        {{ party_key('actor1_id') }} as actor1_id,
        {{ party_key('actor2_id') }} as actor2_id,
        location_geonames_id,
        location_latitude,
        location_longitude,
        location_admin1,
        location_country_code,
        location_geo_precision,
        date_start,
        date_end,
        sentence_index,
        row_number() over (
            partition by event_mention_id order by partition_date desc, event_index asc
        ) as row_num
    from ({{ landed_rows('stg_raw__events') }}) as landed
),

articles as (
    -- article facts, without the text
    select
        article_id,
        partition_date,
        published as published_date,
        fetched_at,
        domain,
        near_duplicate_cluster_id
    from ({{ landed_rows('stg_raw__articles') }}) as landed
),

article_landings as (
    {{ article_landings('articles') }}
),

articles_latest as (
    -- one row per article and day (a day's batches may have stored an article twice)
    select
        *,
        row_number() over (
            partition by article_id, partition_date order by fetched_at desc
        ) as row_num
    from articles
),

current_keys as (
    -- the mentions this build keeps: each article's from its last landing (an article stored
    -- again replaces its earlier mentions), with the dates blocking compares
    select
        k.event_mention_id,
        k.article_id,
        k.partition_date,
        k.event_index,
        k.event_type,
        k.actor1_id,
        k.actor2_id,
        k.location_geonames_id,
        k.location_latitude,
        k.location_longitude,
        k.location_admin1,
        k.location_country_code,
        k.location_geo_precision,
        k.sentence_index,
        coalesce(k.date_start, a.published_date, k.partition_date) as event_date,
        coalesce(k.date_end, k.date_start, a.published_date, k.partition_date) as event_date_end
    from event_keys as k
    left join articles_latest as a
        on
            k.article_id = a.article_id
            and k.partition_date = a.partition_date
            and a.row_num = 1
    left join article_landings as landing on k.article_id = landing.article_id
    where
        k.row_num = 1
        and (landing.article_id is null or k.partition_date = landing.last_partition_date)
),

located as (
    -- reports an article places at a town or a point near one (precision 1-2)
    select
        event_mention_id,
        article_id,
        sentence_index,
        {{ event_family('event_type') }} as event_family,
        actor1_id,
        actor2_id,
        event_date,
        event_date_end,
        location_geonames_id,
        location_latitude,
        location_longitude,
        location_admin1,
        location_country_code,
        location_geo_precision
    from current_keys
    where location_geo_precision <= 2
),

article_anchor as (
    -- Within one article, a report with no place or only a district/province/country ("the
    -- attack", "in eastern Syria") is about the event the article places: the nearest report of
    -- the same event family, overlapping dates and a compatible actor1 whose town lies inside
    -- the coarse place. Only its blocking place changes, never its coded location.
    select
        e.event_mention_id,
        anchor.location_geonames_id as anchor_geonames_id,
        anchor.location_latitude as anchor_latitude,
        anchor.location_longitude as anchor_longitude,
        anchor.location_admin1 as anchor_admin1,
        anchor.location_country_code as anchor_country_code,
        row_number() over (
            partition by e.event_mention_id
            order by
                abs(e.sentence_index - anchor.sentence_index),
                anchor.sentence_index,
                anchor.event_mention_id
        ) as anchor_rank
    from current_keys as e
    inner join located as anchor
        on
            e.article_id = anchor.article_id
            and e.event_mention_id != anchor.event_mention_id
            and {{ event_family('e.event_type') }} = anchor.event_family
            and e.event_date <= {{ dbt.dateadd('day', var('cluster_gap_days'), 'anchor.event_date_end') }}
            and anchor.event_date <= {{ dbt.dateadd('day', var('cluster_gap_days'), 'e.event_date_end') }}
            and (e.actor1_id is null or anchor.actor1_id is null or e.actor1_id = anchor.actor1_id)
            and (e.actor2_id is null or anchor.actor2_id is null or e.actor2_id = anchor.actor2_id)
            and (e.location_country_code is null or e.location_country_code = anchor.location_country_code)
            and (e.location_admin1 is null or e.location_admin1 = anchor.location_admin1)
    where coalesce(e.location_geo_precision, 9) > 2
),

keyed as (
    -- a report dated only to a span longer than a week ("since January", "in recent months")
    -- describes a period, not an event: it never merges with other reports
    select
        current_keys.event_mention_id,
        {{ event_family('current_keys.event_type') }} as event_family,
        {{ days_between('current_keys.event_date', 'current_keys.event_date_end') }} as span_days,
        {{ event_location_key('article_anchor.anchor', 'current_keys.article_id', nullable=true) }} as anchor_key,
        {{ event_location_key('current_keys.location', 'current_keys.article_id') }} as own_key,
        article_anchor.anchor_geonames_id,
        article_anchor.anchor_admin1,
        article_anchor.anchor_country_code
    from current_keys
    left join article_anchor
        on
            current_keys.event_mention_id = article_anchor.event_mention_id
            and article_anchor.anchor_rank = 1
),

blocks as (
    -- each mention's blocking key and place, from the narrow columns
    select
        current_keys.event_mention_id,
        current_keys.partition_date,
        current_keys.event_index,
        current_keys.event_date,
        current_keys.event_date_end,
        case
            when keyed.span_days > 7 then {{ dbt.concat(["'period|'", 'keyed.event_mention_id']) }}
            else {{ dbt.concat(['keyed.event_family', "'|'", 'coalesce(keyed.anchor_key, keyed.own_key)']) }}
        end as block_key,
        -- where the blocking place lies, for attaching coarse reports across articles
        -- (int_event_clusters): a gazetteer town (own or anchored), a coarser place with a
        -- country (district, province, country), or neither (no place, a period)
        case
            when keyed.span_days > 7 then null
            when keyed.anchor_key is not null then keyed.anchor_country_code
            else current_keys.location_country_code
        end as block_country_code,
        case
            when keyed.span_days > 7 then null
            when keyed.anchor_key is not null then keyed.anchor_admin1
            else current_keys.location_admin1
        end as block_admin1,
        case
            when keyed.span_days > 7 then null
            when keyed.anchor_key is not null
                then case
                    when keyed.anchor_geonames_id is not null and keyed.anchor_country_code is not null
                        then 'town'
                end
            when current_keys.location_country_code is null then null
            when current_keys.location_geonames_id is not null and current_keys.location_geo_precision <= 2
                then 'town'
            -- a point without a gazetteer id blocks by grid cell, which may straddle a border
            when
                current_keys.location_geonames_id is null
                and current_keys.location_latitude is not null
                and current_keys.location_longitude is not null
                then null
            else 'coarse'
        end as block_place_level
    from current_keys
    inner join keyed on current_keys.event_mention_id = keyed.event_mention_id
),

enriched as (
    -- the wide rows, streamed once: the mentions this build keeps (blocks), with their article
    select
        e.event_mention_id,
        e.article_id,
        e.event_index,
        e.event_type,
        e.event_mode,
        e.acled_event_type,
        e.acled_sub_event_type,
        e.cameo_root,
        e.actor1_name,
        e.actor1_id,
        e.actor1_type,
        e.actor1_country_code,
        e.actor1_backer_country_code,
        e.actor1_is_resolved,
        e.actor2_name,
        e.actor2_id,
        e.actor2_type,
        e.actor2_country_code,
        e.actor2_backer_country_code,
        e.actor2_is_resolved,
        e.location_name,
        e.location_geonames_id,
        e.location_latitude,
        e.location_longitude,
        e.location_admin1,
        e.location_country_code,
        e.location_geo_precision,
        e.origin_name,
        e.origin_geonames_id,
        e.origin_latitude,
        e.origin_longitude,
        e.origin_admin1,
        e.origin_country_code,
        e.origin_geo_precision,
        e.destination_name,
        e.destination_geonames_id,
        e.destination_latitude,
        e.destination_longitude,
        e.destination_admin1,
        e.destination_country_code,
        e.destination_geo_precision,
        e.date_start,
        e.date_end,
        e.date_precision,
        e.fatalities_low,
        e.fatalities_best,
        e.fatalities_high,
        e.fatalities_note,
        e.source_original,
        e.sentence,
        e.sentence_index,
        e.start,
        e."end",
        e.modality,
        e.confidence,
        e.trigger,
        a.published_date,
        a.fetched_at,
        a.domain,
        a.near_duplicate_cluster_id,
        e.partition_date,
        b.event_date,
        b.event_date_end,
        -- when the report came out: the fetch time on a live run (fetched on its publication
        -- day), else the publication day, so a backfill does not date reports by when it ran
        case
            when a.published_date is null
                then coalesce(a.fetched_at, cast(e.partition_date as {{ dbt.type_timestamp() }}))
            when cast(a.fetched_at as date) = a.published_date then a.fetched_at
            else cast(a.published_date as {{ dbt.type_timestamp() }})
        end as reported_at,
        b.block_key,
        b.block_country_code,
        b.block_admin1,
        b.block_place_level
    from events as e
    inner join blocks as b
        on
            e.event_mention_id = b.event_mention_id
            and e.partition_date = b.partition_date
            and e.event_index = b.event_index
    left join articles_latest as a
        on
            e.article_id = a.article_id
            and e.partition_date = a.partition_date
            and a.row_num = 1
),

{{ soft_delete_merge('enriched', 'event_mention_id', 'article_landings') }}

select * from final
