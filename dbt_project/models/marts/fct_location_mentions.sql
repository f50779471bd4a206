{{
    config(
        materialized='incremental',
        unique_key='mention_id',
        incremental_strategy='merge',
    )
}}

{#- One row per place mention in an article: which place is in the news, how exactly it was
    resolved, in which sentence, and whether it is where an event happened (location) or where
    its actor came from (origin). -#}

with mentions as (
    select * from {{ ref('int_mentions') }}
    where
        mention_kind = 'location'
    {% if is_incremental() %}
        and batch_id = '{{ batch_id() }}'
        {% endif %}
),

final as (
    select
        mentions.mention_id,
        mentions.article_id,
        mentions.geonames_id as location_id,
        coalesce(mentions.resolved_name, mentions.surface_text) as location_name,
        mentions.surface_text,
        mentions.latitude,
        mentions.longitude,
        mentions.admin1,
        mentions.country_code,
        mentions.geo_precision,
        mentions.is_resolved,
        mentions.sentence_index,
        mentions.sentence,
        mentions.start_offset as start,
        mentions.end_offset as "end",
        mentions.event_mention_id,
        mentions.event_role,
        mentions.mention_date as day,
        mentions.published_date,
        mentions.domain as source_domain,
        mentions.partition_date,
        mentions.is_deleted,
        mentions.deleted_at,
        '{{ batch_id() }}' as batch_id
    from mentions
)

select * from final
