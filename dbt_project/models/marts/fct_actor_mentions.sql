{{
    config(
        materialized='incremental',
        unique_key='mention_id',
        incremental_strategy='merge',
    )
}}

{#- One row per actor mention in an article (GDELT GKG-style): who is talked about, where in
    which article, on which day, by which outlet, and the role it plays if the sentence codes
    an event. Unresolved names keep a stable 'unres_' key. -#}

with mentions as (
    select * from {{ ref('int_mentions') }}
    where
        mention_kind = 'actor'
    {% if is_incremental() %}
        and batch_id = '{{ batch_id() }}'
        {% endif %}
),

final as (
    select
        mentions.mention_id,
        mentions.article_id,
        {{ actor_key('mentions.actor_id', 'coalesce(mentions.resolved_name, mentions.surface_text)') }} as actor_key,
        mentions.actor_id,
        coalesce(mentions.resolved_name, mentions.surface_text) as actor_name,
        mentions.surface_text,
        mentions.actor_type,
        mentions.country_code,
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
